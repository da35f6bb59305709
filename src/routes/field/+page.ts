// The field app runs on the phone only: its data lives in IndexedDB, and the shell the service
// worker keeps must not carry any one language's or user's server-rendered page.
export const ssr = false;
