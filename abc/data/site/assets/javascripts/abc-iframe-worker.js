/* abc: search on a site opened from disk (file://).
 *
 * Material's search runs in a Web Worker, and browsers refuse to start a worker
 * from a file:// URL. On such pages this script replaces `Worker` with a stand-in
 * that runs the worker's script inside a hidden iframe of the same page and passes
 * messages in both directions. Over http(s) it does nothing.
 *
 * Its file name contains "iframe-worker" on purpose: Material's offline plugin adds
 * a shim from a CDN unless `extra.polyfills` already names such a script.
 */
(function () {
  "use strict";
  if (window.location.protocol !== "file:" || window.AbcFrameWorker) {
    return;
  }

  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("could not load " + src)); };
      doc.head.appendChild(script);
    });
  }

  function AbcFrameWorker(url) {
    var target = new EventTarget();
    var self = this;
    var src = new URL(url, window.location.href).href;
    var frame = document.createElement("iframe");
    var queue = [];
    var ready = false;

    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);

    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.style.display = "none";
    (document.body || document.documentElement).appendChild(frame);
    var inner = frame.contentWindow;
    var doc = frame.contentDocument;
    if (!doc.head) {
      doc.documentElement.appendChild(doc.createElement("head"));
    }

    function toPage(data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof self.onmessage === "function") {
        self.onmessage(event);
      }
      target.dispatchEvent(event);
    }

    function toWorker(data) {
      inner.dispatchEvent(new inner.MessageEvent("message", { data: data }));
    }

    // What the worker's script sees as its global scope.
    inner.postMessage = function (data) { setTimeout(function () { toPage(data); }, 0); };
    inner.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, next) {
        return done.then(function () { return loadScript(doc, new URL(next, src).href); });
      }, Promise.resolve());
    };

    loadScript(doc, src).then(
      function () {
        ready = true;
        queue.splice(0).forEach(toWorker);
      },
      function (error) {
        var event = new ErrorEvent("error", { message: error.message });
        if (typeof self.onerror === "function") {
          self.onerror(event);
        }
        target.dispatchEvent(event);
      }
    );

    this.postMessage = function (data) {
      if (ready) {
        setTimeout(function () { toWorker(data); }, 0);
      } else {
        queue.push(data);
      }
    };
    this.terminate = function () {
      frame.remove();
    };
  }

  window.AbcFrameWorker = AbcFrameWorker;
  window.Worker = AbcFrameWorker;
})();
