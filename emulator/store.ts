import { createHash } from "node:crypto";
import { JsonFilePersistence } from "./persistence";
import {
  emptyAccountState,
  type AccountState,
  type DomainRecord,
  type IdentityRecord,
  type InviteRecord,
  type TokenRecord,
  type UserRecord,
} from "./state";

/**
 * Holds the account state, finds records, and persists after every mutation. It knows nothing about
 * HTTP or validation (rules/*.ts) or response shapes (serializers.ts).
 */
export class AccountStore {
  private current: AccountState;

  constructor(private readonly persistence?: JsonFilePersistence) {
    this.current = persistence?.load() ?? emptyAccountState();
  }

  /**
   * The live state. It is re-read from disk only by {@link syncFromDisk}, which the server calls when
   * a request arrives, so one request sees one consistent account.
   */
  get state(): AccountState {
    return this.current;
  }

  /** Runs `change` on the live state and persists the result. Throw before changing anything to abort. */
  mutate<T>(change: (state: AccountState) => T): T {
    const result = change(this.current);
    this.persistence?.save(this.current);
    return result;
  }

  /** Replaces the whole account (used by reset). */
  replace(state: AccountState): void {
    this.current = state;
    this.persistence?.save(this.current);
  }

  /** Re-reads the persistence file if another process wrote it since we last read or wrote it. */
  syncFromDisk(): void {
    if (this.persistence?.changedOnDisk()) {
      // A vanished file keeps the in-memory account; the next mutation writes it back.
      this.current = this.persistence.load() ?? this.current;
    }
  }

  domain(id: string): DomainRecord | undefined {
    return this.state.domains.find((domain) => domain.id === id);
  }

  /** Admin door and store handles accept an id or a name. */
  domainByIdOrName(idOrName: string): DomainRecord | undefined {
    const name = idOrName.toLowerCase();
    return this.state.domains.find((domain) => domain.id === idOrName || domain.name === name);
  }

  identity(id: string): IdentityRecord | undefined {
    return this.state.identities.find((identity) => identity.id === id);
  }

  /** [INF] emails compare case-insensitively (MySQL's default collation), for lookups and uniqueness. */
  identityByEmail(email: string): IdentityRecord | undefined {
    const wanted = email.toLowerCase();
    return this.state.identities.find((identity) => identity.email.toLowerCase() === wanted);
  }

  identityByIdOrEmail(idOrEmail: string): IdentityRecord | undefined {
    return this.identity(idOrEmail) ?? this.identityByEmail(idOrEmail);
  }

  token(id: string): TokenRecord | undefined {
    return this.state.tokens.find((token) => token.id === id);
  }

  tokenBySecret(secret: string): TokenRecord | undefined {
    const hash = hashSecret(secret);
    return this.state.tokens.find((token) => token.secretHash === hash);
  }

  user(id: string): UserRecord | undefined {
    return this.state.users.find((user) => user.id === id);
  }

  invite(id: string): InviteRecord | undefined {
    return this.state.invites.find((invite) => invite.id === id);
  }
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
