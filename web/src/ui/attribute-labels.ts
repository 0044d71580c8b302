/** Target attributes with the admin center's labels: one table for the console and the CLI. */
export { attributeLabel, attributeText, labelledAttributes } from '../api/contracts.ts';
