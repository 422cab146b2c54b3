// TypeScript looks for oxide.d.mts beside oxide.mjs; the types live in oxide.d.ts.
export * from "./oxide.js";
