/** AFAS Profit REST: the Source port, the connection test and the pieces other layers may name. */
export type { AfasDeps, AfasRetryOptions } from './afas-client.ts';
export {
  type ConnectionCheck,
  type ConnectionTestResult,
  testAfasConnection,
} from './afas-connection-test.ts';
export {
  CONNECTOR_KEYS,
  CONNECTOR_ROLES,
  type ConnectorRole,
  EMPLOYEE_NUMBER_FIELD,
  REQUIRED_FIELDS,
  WRITE_BACK_FIELDS,
} from './afas-fields.ts';
export { type AfasSource, createAfasSource } from './afas-source.ts';
export { afasTokenXml } from './afas-token.ts';
export { afasBaseUrl } from './afas-url.ts';
