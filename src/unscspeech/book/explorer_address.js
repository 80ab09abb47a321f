/* The explorer's search and theme kept in the page's address, ?search=…&theme=…, so that a search can
   be cited or shared as a link. Not ?q=…: Sphinx's searchtools.js, on every page of the book, takes
   a q parameter for a search of the whole site. Filled in by unscspeech.book.explorer.address_script, which gives CONFIG:
   the names of the Vega parameters, the themes (id → label) and the defaults.

   - On load, and on Back or Forward (popstate), the address's search and theme are put into the search box
     and the theme selector, and the charts are redrawn.
   - Enter in the search box runs the search and keeps it: the box's form is never submitted (that
     would reload the page and lose the search); instead the search becomes a new history entry, as
     does leaving the box after a change, or choosing a theme. Typing alone redraws the charts without
     filling the history with every keystroke. */
(function (CONFIG) {
  "use strict";

  function views() {
    var embeds = Array.prototype.map.call(document.querySelectorAll(".vega-chart"), function (el) {
      return el.vegaEmbedResult;
    }).filter(Boolean);
    return Promise.all(embeds).then(function (results) {
      return results.map(function (result) { return result.view; });
    });
  }

  function viewWith(all, signal) {
    for (var i = 0; i < all.length; i += 1) {
      try {
        all[i].signal(signal);
        return all[i];
      } catch (missing) { /* this chart has no such parameter */ }
    }
    return null;
  }

  function control(view, signal) {
    return view ? view.container().querySelector('.vega-bindings [name="' + signal + '"]') : null;
  }

  function themeId(label) {
    for (var id in CONFIG.themes) {
      if (CONFIG.themes[id] === label) { return id; }
    }
    return null;
  }

  function wanted() {
    var params = new URLSearchParams(window.location.search);
    var q = params.get("search");
    var theme = CONFIG.themes[params.get("theme")];
    return {q: q === null ? CONFIG.defaultQuery : q, theme: theme === undefined ? CONFIG.defaultTheme : theme};
  }

  function start(all) {
    var search = viewWith(all, CONFIG.querySignal);
    var themes = viewWith(all, CONFIG.themeSignal);
    var box = control(search, CONFIG.querySignal);
    var select = control(themes, CONFIG.themeSignal);
    if (!box) { return; }

    function show(state) {
      box.value = state.q;
      search.signal(CONFIG.querySignal, state.q).runAsync();
      if (select && themes) {
        select.value = state.theme;
        themes.signal(CONFIG.themeSignal, state.theme).runAsync();
      }
    }

    function keep() {
      var q = box.value;
      search.signal(CONFIG.querySignal, q).runAsync();
      var params = new URLSearchParams();
      params.set("search", q);
      var theme = select ? themeId(select.value) : null;
      if (theme !== null) { params.set("theme", theme); }
      var address = "?" + params.toString();
      if (address !== window.location.search) {
        history.pushState({q: q, theme: select ? select.value : null}, "", address + window.location.hash);
      }
    }

    box.form.addEventListener("submit", function (event) {
      event.preventDefault();
      keep();
    });
    box.addEventListener("change", keep);
    if (select) { select.addEventListener("change", keep); }
    window.addEventListener("popstate", function () { show(wanted()); });
    show(wanted());
    document.documentElement.setAttribute("data-explorer-address", "ready");
  }

  function begin() { views().then(start); }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", begin);
  } else {
    begin();
  }
})(CONFIG_PLACEHOLDER);
