import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';

/** `X-Robots-Tag: noindex` on every answer (404s included): share pages stay out of search. */
@Injectable()
export class NoIndexInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<Response>().setHeader('X-Robots-Tag', 'noindex');
    return next.handle();
  }
}
