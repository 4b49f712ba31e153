import { ValidateIf } from 'class-validator';

/**
 * Like @IsOptional() but only for a missing field: an explicit null is still validated (and
 * refused), so it never reaches a NOT NULL column.
 */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);
