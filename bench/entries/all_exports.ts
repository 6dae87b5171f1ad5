// Everything the runtime entry points export, together (for information: no app imports all).
export * from "@aegis/sdk";
export * from "@aegis/sdk/client";
export * from "@aegis/sdk/seal";
export * from "@aegis/sdk/manifest";
export * from "@aegis/sdk/bootstrap";
