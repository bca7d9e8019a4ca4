/**
 * The provider runtime: what the serialized shims call inside the dynamic-provider host, as
 * `require("pulumi-mailersend/runtime")[type].<method>(...)`. Every version must accept every state
 * shape an earlier version wrote; each resource keeps a `stateVersion` output for that.
 */
import { configureFromStack, type ConfigSource } from "./config";
import { domainProvider } from "./domain";

/**
 * Called once per provider text and host process with the whole stack config (secrets decrypted).
 * All types share one process and one configuration.
 */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  configureFromStack(req.config);
}

export const Domain = { configure, ...domainProvider };
