import type { fastify } from "fastify";

/** What to do when fastify is missing: printed by the CLI, thrown by `startEmulator`. */
export const FASTIFY_MISSING =
  "The MailerSend emulator needs the web server fastify (v5), an optional peer dependency of " +
  "pulumi-mailersend that is not installed here. Install it next to pulumi-mailersend: " +
  "npm install --save-dev fastify@^5";

/**
 * fastify, loaded when an emulator starts rather than when the package is imported: it is an
 * optional peer dependency, so users who only declare resources do not install a web server.
 */
export function loadFastify(): typeof fastify {
  try {
    return (require("fastify") as { fastify: typeof fastify }).fastify;
  } catch (error) {
    const missing =
      (error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" &&
      (error as Error).message.includes("'fastify'");
    if (missing) throw new Error(FASTIFY_MISSING);
    throw error;
  }
}
