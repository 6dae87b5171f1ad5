// An app that uses only the execution calls, importing them from the client entry point.
export {
  AegisCore,
  getExecution,
  startExecution,
  streamExecution,
} from "../../client/mod.ts";
