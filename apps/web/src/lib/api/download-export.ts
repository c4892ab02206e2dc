import { ERROR_CODES, isErrorCode, type TradebookInput } from '@strikedesk/domain';

export type ExportFormat = 'xlsx' | 'csv';

type Access = { ensureAccessToken: () => Promise<boolean>; getAccessToken: () => string | null };

/** The file name the gateway gave the download (Content-Disposition), else `fallback`. */
export function attachmentName(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}

/** The sentence for a refused export: the gateway's message, or its code's. */
async function refusalText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    if (typeof body.message === 'string' && body.message !== '') return body.message;
    if (isErrorCode(body.error)) return ERROR_CODES[body.error];
  } catch {
    // Not JSON (a proxy's error page): say what happened.
  }
  return `The download failed (HTTP ${response.status}). Try again.`;
}

/**
 * Fetches the tradebook export with this tab's access token (never put in a URL) and hands the
 * file to the browser's downloads. Throws an Error with a trader's sentence when refused.
 */
export async function downloadTradebook(format: ExportFormat, range: TradebookInput, access: Access): Promise<string> {
  if (!(await access.ensureAccessToken())) throw new Error(ERROR_CODES.SESSION_EXPIRED);
  const query = new URLSearchParams({ from: range.from, to: range.to });
  let response: Response;
  try {
    response = await fetch(`/exports/tradebook.${format}?${query}`, { headers: { authorization: `Bearer ${access.getAccessToken() ?? ''}` }, credentials: 'same-origin' });
  } catch {
    throw new Error('The server could not be reached. Check your connection and try again.');
  }
  if (!response.ok) throw new Error(await refusalText(response));
  const name = attachmentName(response.headers.get('content-disposition'), `tradebook_${range.from}_${range.to}.${format}`);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click has handed the blob to the download; revoking at once can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
