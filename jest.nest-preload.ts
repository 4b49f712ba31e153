/**
 * Jest's require(esm) refuses a CommonJS package (e.g. @nestjs/throttler) that requires an ES
 * module still being evaluated. Evaluating Nest's ES modules first, before any test file,
 * avoids that; plain Node has no such limit.
 */
import '@nestjs/common';
import '@nestjs/core';
