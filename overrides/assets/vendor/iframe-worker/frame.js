// The portal's change to iframe-worker's shim (see README.md here): what the shim wrote as an
// inline <script> into its iframe, as a file, so that the Content-Security-Policy needs no
// 'unsafe-inline'. It runs inside the iframe that stands in for a Web Worker under file://.
"use strict";
(() => {
  const worker = document.currentScript.dataset.worker;
  // Material's search worker takes its base address from the first script[src] of the frame,
  // which must be the worker itself, as with the original inline script.
  document.currentScript.remove();
  self.postMessage = (data, origin) => parent.postMessage(data, origin || "*");
  self.importScripts = (...urls) =>
    urls.reduce(
      (done, url) =>
        done.then(
          () =>
            new Promise((resolve) => {
              const script = document.createElement("script");
              script.src = url;
              script.onload = resolve;
              document.body.appendChild(script);
            }),
        ),
      Promise.resolve(),
    );
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error }));
  });
})();
