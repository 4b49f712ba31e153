import { applyDecorators, Delete, Head, Patch, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../common/error.dto.js';

/**
 * The routes of a tus 1.0 endpoint (@tus/server reads the bodies and writes the answers) with
 * their OpenAPI description; each controller adds what is its own.
 */
interface Operation {
  summary: string;
  description?: string;
}

const TUS_RESUMABLE = ApiHeader({ name: 'Tus-Resumable', required: true, example: '1.0.0' });
const UPLOAD_ID = ApiParam({ name: 'id', description: 'The last segment of the POST’s Location' });

export const TusCreate = (operation: Operation, metadataExample?: string) =>
  applyDecorators(
    Post(),
    ApiOperation(operation),
    TUS_RESUMABLE,
    ApiHeader({ name: 'Upload-Length', required: false }),
    ApiHeader({ name: 'Upload-Metadata', required: true, example: metadataExample }),
    ApiCreatedResponse({ description: 'Location: the URL of the upload, for HEAD and PATCH' }),
  );

export const TusStatus = (operation: Operation, notFound: string) =>
  applyDecorators(
    Head(':id'),
    UPLOAD_ID,
    ApiOperation(operation),
    TUS_RESUMABLE,
    ApiOkResponse({ description: 'Upload-Offset and Upload-Length headers' }),
    ApiNotFoundResponse({ description: notFound }),
  );

/** PATCH; the request that completes the upload answers like an ingest (415, 422…). */
export const TusAppend = (operation: Operation, conflict: string) =>
  applyDecorators(
    Patch(':id'),
    UPLOAD_ID,
    ApiOperation(operation),
    TUS_RESUMABLE,
    ApiHeader({ name: 'Upload-Offset', required: true }),
    ApiConsumes('application/offset+octet-stream'),
    ApiBody({ schema: { type: 'string', format: 'binary' } }),
    ApiNoContentResponse({ description: 'New Upload-Offset header' }),
    ApiConflictResponse({ type: ErrorResponse, description: conflict }),
    ApiNotFoundResponse({ type: ErrorResponse }),
    ApiUnsupportedMediaTypeResponse({ type: ErrorResponse, description: 'Not video or image' }),
    ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Cannot be decoded' }),
  );

export const TusTerminate = (summary: string) =>
  applyDecorators(
    Delete(':id'),
    UPLOAD_ID,
    ApiOperation({ summary }),
    TUS_RESUMABLE,
    ApiNoContentResponse(),
    ApiNotFoundResponse({ type: ErrorResponse }),
  );
