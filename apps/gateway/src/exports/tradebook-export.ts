import type { IncomingMessage, ServerResponse } from 'node:http';
import type ExcelJS from 'exceljs';
import { TradebookInputSchema } from '@strikedesk/domain';
import { bearerToken } from '../auth/access-token.ts';
import { authenticateAccess } from '../auth/authenticate-access.ts';
import { sendJson } from '../http/send-json.ts';
import { errorReply, replyForError, type RestReply } from '../rest/rest-reply.ts';
import type { GatewayServices } from '../trpc/services.ts';
import { TRADEBOOK_SHEET, tradebookWorkbook } from './tradebook-workbook.ts';

export const EXPORTS_PREFIX = '/exports';
export const isExportPath = (path: string): boolean => path.startsWith(`${EXPORTS_PREFIX}/`);

const FORMATS = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;
type Format = keyof typeof FORMATS;

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab or CR)
 * gets a leading apostrophe in the CSV (OWASP's CSV injection advice): broker trade ids and
 * client order ids come from outside. The workbook needs none — its cells are typed as text.
 */
const guarded = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

async function csvOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  workbook.getWorksheet(TRADEBOOK_SHEET)?.eachRow((row) => {
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') cell.value = guarded(cell.value);
    });
  });
  // A byte-order mark: Excel opens a CSV without one as the locale's code page, garbling ₹.
  const body = await workbook.csv.writeBuffer({ sheetName: TRADEBOOK_SHEET, dateFormat: 'YYYY-MM-DD HH:mm:ss', dateUTC: true });
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(body)]);
}

function formatOf(path: string): Format | null {
  const match = /^\/exports\/tradebook\.(xlsx|csv)$/.exec(path);
  return match ? (match[1] as Format) : null;
}

/**
 * GET /exports/tradebook.xlsx|csv?from=YYYY-MM-DD&to=YYYY-MM-DD — the caller's trading account's
 * tradebook as a download. Authenticated by the browser's access token (`Authorization: Bearer`),
 * like a tRPC query: the web fetches it and saves the answer, so no token travels in a URL.
 */
export function createExportHandler(deps: { services: Pick<GatewayServices, 'engine' | 'accessTokens' | 'revocations' | 'logger'>; now?: () => number }) {
  const now = deps.now ?? Date.now;

  async function answer(req: IncomingMessage, path: string): Promise<RestReply | { file: Buffer; format: Format; name: string }> {
    const format = formatOf(path);
    if (!format) return errorReply('VALIDATION_FAILED', { status: 'NOT_FOUND', message: `No such export: ${path}.` });
    if (req.method !== 'GET') return { ...errorReply('VALIDATION_FAILED', { status: 'METHOD_NOT_SUPPORTED', message: 'Use GET.' }), headers: { allow: 'GET' } };
    const token = bearerToken(req.headers.authorization);
    const check = token ? await authenticateAccess(token, deps.services) : null;
    if (check?.kind !== 'valid') return errorReply(check?.kind === 'revoked' ? 'SESSION_REVOKED' : 'UNAUTHENTICATED');
    const query = new URL(req.url ?? '/', 'http://gateway.invalid').searchParams;
    const input = TradebookInputSchema.parse({ from: query.get('from') ?? undefined, to: query.get('to') ?? undefined });
    const { user } = check.access;
    const book = await deps.services.engine.tradebook({ accountId: user.accountId, ...input });
    const workbook = tradebookWorkbook(book, { account: user.accountId, createdAt: now() });
    const file = format === 'xlsx' ? Buffer.from(await workbook.xlsx.writeBuffer()) : await csvOf(workbook);
    return { file, format, name: `tradebook_${input.from}_${input.to}.${format}` };
  }

  return (req: IncomingMessage, res: ServerResponse, path: string): void => {
    void answer(req, path)
      .catch((error: unknown) => replyForError(error, deps.services.logger, { path }))
      .then((reply) => {
        req.resume();
        if (res.headersSent || res.destroyed) return;
        if ('file' in reply) {
          res.writeHead(200, {
            'content-type': FORMATS[reply.format],
            'content-disposition': `attachment; filename="${reply.name}"`,
            'content-length': reply.file.length,
            // Account data: no cache on the way may keep it.
            'cache-control': 'no-store',
          });
          res.end(reply.file);
          return;
        }
        sendJson(res, reply.status, reply.body, { 'cache-control': 'no-store', ...reply.headers });
      })
      .catch((error: unknown) => {
        deps.services.logger.error({ err: error, path }, 'export reply failed');
        if (!res.headersSent) res.destroy();
      });
  };
}
