// The wall's screens are live clients only: nothing to render on the server (docs/design.md, code conventions).
export const ssr = false;
