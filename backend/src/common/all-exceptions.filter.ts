import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';

interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
}

/** `{statusCode, message}`, plus any details an exception carries (e.g. rejected clip URLs). */
interface ErrorBody {
  statusCode: number;
  message: string | string[];
  [detail: string]: unknown;
}

/** Messages for the body-parser errors that reach us before any controller. */
function bodyParserMessage(error: HttpErrorLike): string | undefined {
  if (error.type === 'entity.parse.failed') return 'Malformed JSON in request body';
  if (error.type === 'entity.too.large') {
    return `Request body too large${error.limit ? ` (limit ${error.limit} bytes)` : ''}`;
  }
  if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
    return 'Unsupported request body encoding';
  }
  return undefined;
}

/** Every error leaves as JSON {statusCode, message}; unexpected ones are logged, not shown. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { statusCode, message, ...details } = this.describe(exception);
    if (statusCode >= 500) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(error.message, error.stack);
    }
    if (response.headersSent) return;
    const retryAfter = (exception as { retryAfterSeconds?: number } | null)?.retryAfterSeconds;
    if (retryAfter) response.header('Retry-After', String(retryAfter));
    response.status(statusCode).json({ statusCode, message, ...details });
  }

  private describe(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      if (typeof body === 'object' && body && 'message' in body) {
        // Nest's `error` ("Bad Request") only repeats the status; other fields are details.
        const { message, statusCode: _status, error: _error, ...details } = body as ErrorBody;
        return { ...details, statusCode: exception.getStatus(), message };
      }
      return { statusCode: exception.getStatus(), message: exception.message };
    }
    const httpError = (exception ?? {}) as HttpErrorLike;
    const status = httpError.status ?? httpError.statusCode;
    const known = bodyParserMessage(httpError);
    if (status && status >= 400 && status < 500) {
      return { statusCode: status, message: known ?? 'Bad request' };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  }
}
