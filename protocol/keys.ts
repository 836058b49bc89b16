/** Whether the OS keychain can hold API keys, and if not, what to do. */
export type KeychainState =
  | { state: 'ok' }
  | { state: 'unavailable' | 'locked'; code: 'AIRLOCK_E_KEYCHAIN_UNAVAILABLE' | 'AIRLOCK_E_KEYCHAIN_LOCKED'; message: string };
