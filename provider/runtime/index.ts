/**
 * The provider runtime: what the serialized shims call inside the dynamic-provider host, as
 * `require("pulumi-mailersend/runtime")[type].<method>(...)`. Every version must accept every state
 * shape an earlier version wrote; each resource keeps a `stateVersion` output for that.
 */
import { apiTokenProvider } from "./api-token";
import { engineAddress, watchEngine } from "../api/engine-watch";
import { clientUserProvider } from "./client-user";
import { configureFromStack, type ConfigSource } from "./config";
import { domainVerificationProvider } from "./domain-verification";
import { domainProvider } from "./domain";
import { senderIdentityProvider } from "./sender-identity";

/**
 * Called once per provider text and host process with the whole stack config (secrets decrypted).
 * All types share one process and one configuration.
 */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  configureFromStack(req.config);
  // In the dynamic-provider host: stop as soon as the engine that started us is gone.
  watchEngine(engineAddress());
}

export const Domain = { configure, ...domainProvider };
export const DomainVerification = { configure, ...domainVerificationProvider };
export const SenderIdentity = { configure, ...senderIdentityProvider };
export const ApiToken = { configure, ...apiTokenProvider };
export const ClientUser = { configure, ...clientUserProvider };
