import { AppError } from '../../libs/platform/src/errors/app-error.js';

/** Awaits `work` and returns the AppError it rejects with (fails when it resolves or throws anything else). */
export async function appError(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError, but the call succeeded');
}
