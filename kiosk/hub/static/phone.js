// The phone page, live: listens to /t/{token}/live (Server-Sent Events) and swaps in the
// new state as soon as a counter acts. The browser reconnects by itself after a cut; when
// it gives up (the hub was away too long) we ask again, more slowly each time, and a
// ticket the hub no longer knows reloads into the kind page. Without this script the page
// refreshes itself every 15 s (<noscript>).
(function () {
  "use strict";
  var main = document.getElementById("page");
  var link = document.getElementById("link");
  if (!main || !main.dataset.live || !window.EventSource) return;
  var url = main.dataset.live;
  var status = main.dataset.status;
  var calls = Number(main.dataset.calls || 0);
  var source = null;
  var delay = 1000;
  var noscript = document.querySelector("noscript");
  if (noscript) noscript.remove();  // this script keeps the page current now

  function yourTurn() {
    var banner = document.getElementById("turn");
    if (banner) banner.focus();
    try {
      if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 600]);
    } catch (e) { /* not allowed here: the banner says it */ }
  }

  function show(state) {
    main.innerHTML = state.html;
    main.dataset.status = state.status;
    document.title = state.title;
    if (state.status === "called" && (status !== "called" || state.calls > calls)) yourTurn();
    status = state.status;
    calls = state.calls;
    if (state.final) {  // nothing more will change
      source.close();
      var auto = document.getElementById("auto");
      if (auto) auto.hidden = true;
    }
  }

  function connect() {
    source = new EventSource(url);
    source.addEventListener("state", function (event) {
      link.hidden = true;
      main.dataset.connected = "yes";
      delay = 1000;
      show(JSON.parse(event.data));
    });
    source.onerror = function () {
      link.hidden = false;
      main.dataset.connected = "no";
      if (source.readyState === EventSource.CLOSED) retry();
    };
  }

  function retry() {
    setTimeout(function () {
      fetch(location.href, { cache: "no-store" }).then(function (answer) {
        if (answer.status === 404) location.reload();  // the kind page
        else connect();
      }, retry);
    }, delay);
    delay = Math.min(delay * 2, 15000);
  }

  connect();
})();
