// The peer's documented entry: `import ky from "ky"`.
export { default } from "npm:ky@1.14.3";
