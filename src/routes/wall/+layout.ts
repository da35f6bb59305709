// The wall's screens are live clients only: nothing to render on the server (STYLE.md, Client state).
export const ssr = false;
