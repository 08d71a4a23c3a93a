// Values injected by the build (esbuild `define`).
declare const __WASM_BASE64__: string;
declare const __WORKER_SOURCE__: string;
declare const __PAGE_VERSION__: string;
