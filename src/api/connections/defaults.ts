import { DEFAULT_SECTIONS } from '../../engine/index.ts';

export const DEFAULT_TIME_ZONE: string = DEFAULT_SECTIONS.timeZone;
