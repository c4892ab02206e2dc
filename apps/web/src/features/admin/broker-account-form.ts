import {
  brokerProtocol,
  CreateBrokerAccountInputSchema,
  UpdateBrokerAccountInputSchema,
  type Broker,
  type BrokerAccount,
  type CreateBrokerAccountInput,
  type UpdateBrokerAccountInput,
} from '@strikedesk/domain';

/** The add / edit dialog's fields, as typed. Secrets start empty: on edit, empty means "keep". */
export type BrokerAccountForm = {
  broker: Broker;
  name: string;
  enabled: boolean;
  apiKey: string;
  apiSecret: string;
  apiUrl: string;
  loginUrl: string;
  tickerUrl: string;
  rootUrl: string;
  marketDataUrl: string;
  clientId: string;
  interactiveAppKey: string;
  interactiveSecret: string;
  marketDataAppKey: string;
  marketDataSecret: string;
};
export type BrokerAccountField = keyof BrokerAccountForm;
/** The fields typed as text (everything but the broker choice and the enabled box). */
export type BrokerAccountTextField = Exclude<BrokerAccountField, 'broker' | 'enabled'>;
export type FormErrors = Partial<Record<BrokerAccountField, string>>;

export const emptyBrokerAccountForm = (broker: Broker = 'KITE'): BrokerAccountForm => ({
  broker,
  name: '',
  enabled: true,
  apiKey: '',
  apiSecret: '',
  apiUrl: '',
  loginUrl: '',
  tickerUrl: '',
  rootUrl: '',
  marketDataUrl: '',
  clientId: '',
  interactiveAppKey: '',
  interactiveSecret: '',
  marketDataAppKey: '',
  marketDataSecret: '',
});

/** An account's public settings in the form; its secrets are never sent, so they stay empty. */
export const formFromAccount = (account: BrokerAccount): BrokerAccountForm => ({
  ...emptyBrokerAccountForm(account.broker),
  name: account.name,
  enabled: account.enabled,
  apiKey: account.apiKey ?? '',
  apiUrl: account.apiUrl ?? '',
  loginUrl: account.loginUrl ?? '',
  tickerUrl: account.tickerUrl ?? '',
  rootUrl: account.rootUrl ?? '',
  marketDataUrl: account.marketDataUrl ?? '',
  clientId: account.clientId ?? '',
  interactiveAppKey: account.interactiveAppKey ?? '',
  marketDataAppKey: account.marketDataAppKey ?? '',
});

/** Only the fields of the account's protocol travel: the other protocol's would be dropped anyway. */
function fieldsOf(form: BrokerAccountForm) {
  if (brokerProtocol(form.broker) === 'KITE') {
    const { apiKey, apiSecret, apiUrl, loginUrl, tickerUrl } = form;
    return { name: form.name, apiKey, apiSecret, apiUrl, loginUrl, tickerUrl };
  }
  const { rootUrl, marketDataUrl, clientId, interactiveAppKey, interactiveSecret, marketDataAppKey, marketDataSecret } = form;
  return { name: form.name, rootUrl, marketDataUrl, clientId, interactiveAppKey, interactiveSecret, marketDataAppKey, marketDataSecret };
}

type Checked<T> = { ok: true; input: T } | { ok: false; errors: FormErrors };

const errorsOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): FormErrors => {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'name') as BrokerAccountField;
    errors[field] ??= issue.message;
  }
  return errors;
};

/** Validated with the server's own schema, so a refusal shows beside its field before anything is sent. */
export function createInputOf(form: BrokerAccountForm): Checked<CreateBrokerAccountInput> {
  const parsed = CreateBrokerAccountInputSchema.safeParse({ broker: form.broker, enabled: form.enabled, ...fieldsOf(form) });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: errorsOf(parsed.error.issues) };
}

/**
 * Empty secrets are left out of the parsed input: the server keeps what it stores. The version the
 * dialog opened on goes with it: another admin's save meanwhile is refused, not silently undone.
 */
export function updateInputOf(form: BrokerAccountForm, opened: Pick<BrokerAccount, 'id' | 'updatedAt'>): Checked<UpdateBrokerAccountInput> {
  const parsed = UpdateBrokerAccountInputSchema.safeParse({ broker: form.broker, id: opened.id, expectedUpdatedAt: opened.updatedAt, ...fieldsOf(form) });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: errorsOf(parsed.error.issues) };
}
