/**
 * The API no longer holds this worker's claim on the job (it was released as stalled and maybe
 * claimed by another worker, or cancelled): the job must stop at once, without a fail report.
 */
export class ClaimLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimLostError';
  }
}
