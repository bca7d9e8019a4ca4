/**
 * The provider runtime: what the serialized shims call inside the dynamic-provider host, as
 * `require("pulumi-mailersend/runtime")[type]` (provider/resources/shim.ts). Every version must accept every state
 * shape an earlier version wrote; each resource keeps a `stateVersion` output for that.
 */
import type * as pulumi from "@pulumi/pulumi";
import { apiTokenProvider } from "./api-token";
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
}

type ResourceProvider = pulumi.dynamic.ResourceProvider;

export const Domain = { configure, ...domainProvider } satisfies ResourceProvider;
export const DomainVerification = {
  configure,
  ...domainVerificationProvider,
} satisfies ResourceProvider;
export const SenderIdentity = { configure, ...senderIdentityProvider } satisfies ResourceProvider;
export const ApiToken = { configure, ...apiTokenProvider } satisfies ResourceProvider;
export const ClientUser = { configure, ...clientUserProvider } satisfies ResourceProvider;
