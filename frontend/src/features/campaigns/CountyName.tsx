import { useCountyName } from './api';

/** 昭觉县（513431）, or the code alone until the name has loaded. */
export function CountyName({ code }: { code: string }) {
  const name = useCountyName(code);
  return <>{name.data ? `${name.data}（${code}）` : code}</>;
}
