import type { FieldError } from '../../../platform/http/errors.js';
import type { FormData } from '../../../platform/http/forms.js';

/** What a refused form of the minutes page shows again: the values sent and their errors. */
export interface FormState {
  values: FormData;
  errors: FieldError[];
}
