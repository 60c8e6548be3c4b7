import { isApiError, type ApiError } from '../../../lib/api-client';

/** Refusals of the work rules: the user may add a note, keep the timer running, or discard. */
export function isRuleRefusal(error: unknown): error is ApiError {
  return isApiError(error, 422) || isApiError(error, 'ENTRY_OVERLAP') || isApiError(error, 'STOP_BEFORE_START');
}
