// The summary view's only script (loaded with the page's nonce). It turns clicks on the page's
// buttons into messages for the extension, and swaps in new content when the extension sends it,
// keeping keyboard focus on the same control. The content is built and escaped by the extension
// (client/src/summary/render.ts); this script never builds markup from document text itself.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  // The nonce of this page load (document.currentScript is set only while the script first runs).
  const script = document.currentScript;
  const load = script instanceof HTMLScriptElement ? script.nonce : undefined;
  const main = /** @type {HTMLElement} */ (document.getElementById('summary'));

  const remember = () => vscode.setState({ uri: main.dataset.uri || undefined });
  remember();

  document.addEventListener('click', (event) => {
    const target = /** @type {Element | null} */ (event.target instanceof Element ? event.target.closest('[data-command]') : null);
    if (!(target instanceof HTMLElement)) return;
    event.preventDefault();
    const line = target.dataset.line === undefined ? undefined : Number(target.dataset.line);
    vscode.postMessage({ type: target.dataset.command, line });
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'update' || typeof message.body !== 'string') return;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.key : undefined;
    main.innerHTML = message.body;
    main.dataset.uri = typeof message.uri === 'string' ? message.uri : '';
    if (typeof message.title === 'string') document.title = message.title;
    main.dataset.seq = String(message.seq);
    if (active) {
      for (const el of main.querySelectorAll('[data-key]')) {
        if (el instanceof HTMLElement && el.dataset.key === active) {
          el.focus();
          break;
        }
      }
    }
    remember();
    vscode.postMessage({ type: 'shown', seq: message.seq });
  });

  // Content rendered while this page was loading is sent once the extension hears this.
  vscode.postMessage({ type: 'ready', load, seq: Number(main.dataset.seq) });
})();
