// The wall is a live client only: nothing to render on the server (STYLE.md, Client state).
export const ssr = false;
