// The peer's documented entry: `import OpenAI from "openai"`.
export { default } from "npm:openai@6.49.0";
