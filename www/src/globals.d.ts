// Values injected by the build (esbuild `define`).
/** The engine as base64 in the script include; null in the page file, which carries it in an
 *  inert element (see sim-client.ts). */
declare const __WASM_BASE64__: string | null;
declare const __WORKER_SOURCE__: string;
declare const __PAGE_VERSION__: string;
/** The public address share links point to (build-time KANALSIM_PUBLIC_URL; may be empty). */
declare const __PUBLIC_URL__: string;
/** The element's stylesheet (www/src/style.css), put into its shadow root. */
declare const __KS_CSS__: string;
