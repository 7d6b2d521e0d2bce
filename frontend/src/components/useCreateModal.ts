import type { UseMutationResult } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { fieldErrors } from '../api/problem';

/**
 * A modal form that creates one thing. `submit` validates the form, sends `toBody(values)`, and on
 * success closes — resetting the form and the mutation, which also drops a secret the response held —
 * before handing the result to `onCreated`; a 422's field errors go under their fields. `close`
 * cancels the same way.
 */
export function useCreateModal<V, B, R, E, C>(
  form: FormInstance<V>,
  create: UseMutationResult<R, E, B, C>,
  toBody: (values: V) => B,
  onClose: () => void,
  onCreated: (result: R) => void,
) {
  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    create.mutate(toBody(values), {
      onSuccess: (result) => {
        close();
        onCreated(result);
      },
      onError: (e) => {
        const fields = fieldErrors(e);
        // the server names fields by their JSON names, which are the form's own
        if (fields.length > 0) form.setFields(fields as never);
      },
    });
  };
  return { close, submit };
}
