import type { FieldErrors } from './form-reader.ts';

/** The parts of a zod issue read here (structural, so the web needs no zod import of its own). */
export type SchemaIssue = {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  expected?: string;
};

/** Fields the builder shows one input (and one message) for, besides the per-leg and per-condition ones. */
const FIELD_KEYS: ReadonlySet<string> = new Set([
  'settings.name',
  'settings.underlying',
  'settings.lotMultiplier',
  'settings.strategyTag',
  'legs',
  'execution.marketProtectionPercent',
  'execution.limitBufferPercent',
  'execution.repriceAfterSeconds',
  'execution.maxReprices',
  'execution.maxRetries',
  'entry.rule.time',
  'entry.rule.windowStart',
  'entry.rule.windowEnd',
  'exit.target',
  'exit.stopLoss',
  'exit.trailing.lockProfitAt',
  'exit.trailing.trailBy',
  'exit.exitAt',
  'exit.maxReentries',
  'monitoring.everySeconds',
  'monitoring.candleMinutes',
  'hedge.deltaBand',
  'hedge.maxHedges',
]);
const LEG_FIELD = /^legs\.\d+\.\w+$/;
const CONDITION_FIELD = /^entry\.conditions\.\d+$/;

const isFieldKey = (key: string): boolean => FIELD_KEYS.has(key) || LEG_FIELD.test(key) || CONDITION_FIELD.test(key);

/**
 * The field that shows a schema issue: its path, shortened until it names an input
 * (`legs.0.target.points` → `legs.0.target`). '' when none does: the form-wide message.
 */
export function fieldKeyOf(path: readonly PropertyKey[]): string {
  const segments = path.map(String);
  while (segments.length > 0) {
    const key = segments.join('.');
    if (isFieldKey(key)) return key;
    segments.pop();
  }
  return '';
}

const sentence = (text: string): string => {
  const trimmed = text.trim();
  const capital = `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** zod's own wording ("Too small: expected number to be >=1") is for developers; the schema's custom messages are for traders. */
const isDefaultMessage = (message: string): boolean => /^(Too (small|big)|Invalid)\b/.test(message);

/** An issue in a trader's words: the schema's message where it wrote one, else the rule it broke. */
export function issueText(issue: SchemaIssue): string {
  if (!isDefaultMessage(issue.message)) return sentence(issue.message);
  switch (issue.code) {
    case 'too_small': {
      const bound = Number(issue.minimum);
      if (issue.origin === 'string') return bound <= 1 ? 'Required.' : `At least ${bound} characters.`;
      return issue.inclusive === false ? `More than ${bound}.` : `At least ${bound}.`;
    }
    case 'too_big': {
      const bound = Number(issue.maximum);
      if (issue.origin === 'string') return `At most ${bound} characters.`;
      return issue.inclusive === false ? `Less than ${bound}.` : `At most ${bound}.`;
    }
    case 'invalid_type':
      return issue.expected === 'int' ? 'A whole number.' : 'Required.';
    case 'invalid_format':
      return 'Letters and digits only.';
    default:
      return 'Not valid here.';
  }
}

/** Adds each issue's message to its field, keeping a message already there (the more specific one). */
export function addIssues(errors: FieldErrors, issues: readonly SchemaIssue[]): FieldErrors {
  for (const issue of issues) {
    const key = fieldKeyOf(issue.path);
    errors[key] ??= issueText(issue);
  }
  return errors;
}
