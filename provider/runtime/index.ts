/**
 * The provider runtime: what the serialized shims call inside the dynamic-provider host, as
 * `require("pulumi-mailersend/runtime")[type]` (provider/resources/shim.ts). Every version must accept every state
 * shape an earlier version wrote; each resource keeps a `stateVersion` output for that.
 */
import type * as pulumi from "@pulumi/pulumi";
import { apiTokenProvider } from "./api-token";
import { engineAddress, watchEngine } from "../api/engine-watch";
import { clientUserProvider } from "./client-user";
import {
  ConfigurationError,
  configureFromStack,
  resolveApiSettings,
  type ConfigSource,
} from "./config";
import { domainVerificationProvider } from "./domain-verification";
import { domainVerificationInputsSchema } from "./domain-verification.logic";
import { domainProvider } from "./domain";
import { domainInputsSchema } from "./domain.logic";
import { apiTokenInputsSchema } from "./api-token.logic";
import { clientUserInputsSchema } from "./client-user.logic";
import { senderIdentityProvider } from "./sender-identity";
import { senderIdentityInputsSchema } from "./sender-identity.logic";
import { withDefaultsUnrecorded, type ProviderOperations } from "./unrecorded-defaults";

/**
 * Called once per provider text and host process with the whole stack config (secrets decrypted).
 * All types share one process and one configuration.
 */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  configureFromStack(req.config);
  // In the dynamic-provider host: stop as soon as the engine that started us is gone.
  watchEngine(engineAddress());
}

interface CheckResult {
  inputs?: Record<string, unknown>;
  failures?: { property: string; reason: string }[];
}

/**
 * `check` runs at `pulumi preview` (and `up`) for every resource, before any API call: a missing
 * API key or a bad setting is reported there, as a failure naming the config key, rather than by
 * the first create of `up`. The failure names no property (the engine prints "<type> resource
 * '<name>' has a problem: <reason>").
 */
function withSettingsChecked<
  P extends {
    check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckResult>;
  },
>(provider: P): P {
  return {
    ...provider,
    async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
      try {
        resolveApiSettings();
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        return { inputs: news, failures: [{ property: "", reason: error.message }] };
      }
      return provider.check(olds, news);
    },
  };
}

type ResourceProvider = pulumi.dynamic.ResourceProvider;

/**
 * What the shim calls for one type: the shared `configure`, then the resource's own operations,
 * with the inputs at their defaults left out of the state (unrecorded-defaults.ts).
 */
function runtimeOf<P extends ProviderOperations & Parameters<typeof withSettingsChecked>[0]>(
  provider: P,
  schema: Parameters<typeof withDefaultsUnrecorded>[1],
) {
  return {
    configure,
    ...withSettingsChecked(withDefaultsUnrecorded(provider, schema)),
  } satisfies ResourceProvider;
}

export const Domain = runtimeOf(domainProvider, domainInputsSchema);
export const DomainVerification = runtimeOf(
  domainVerificationProvider,
  domainVerificationInputsSchema,
);
export const SenderIdentity = runtimeOf(senderIdentityProvider, senderIdentityInputsSchema);
export const ApiToken = runtimeOf(apiTokenProvider, apiTokenInputsSchema);
export const ClientUser = runtimeOf(clientUserProvider, clientUserInputsSchema);
