import type { FunctionDefinition } from '../definition.ts';
import type { FunctionName } from '../function-names.ts';
import { Append } from './append.ts';
import { BitAnd } from './bit-and.ts';
import { CBool } from './c-bool.ts';
import { CDate } from './c-date.ts';
import { CStr } from './c-str.ts';
import { Coalesce } from './coalesce.ts';
import { ConvertToBase64 } from './convert-to-base64.ts';
import { ConvertToUTF8Hex } from './convert-to-utf8-hex.ts';
import { Count } from './count.ts';
import { DateAdd } from './date-add.ts';
import { DateDiff } from './date-diff.ts';
import { DateFromNum } from './date-from-num.ts';
import { DutchDisplayName } from './dutch-display-name.ts';
import { DutchSurname } from './dutch-surname.ts';
import { FormatDateTime } from './format-date-time.ts';
import { Guid } from './guid.ts';
import { IgnoreFlowIfNullOrEmpty } from './ignore-flow-if-null-or-empty.ts';
import { IIF } from './iif.ts';
import { InStr } from './in-str.ts';
import { IsNull } from './is-null.ts';
import { IsNullOrEmpty } from './is-null-or-empty.ts';
import { IsPresent } from './is-present.ts';
import { IsString } from './is-string.ts';
import { Item } from './item.ts';
import { Join } from './join.ts';
import { Left } from './left.ts';
import { Mid } from './mid.ts';
import { NameConvention } from './name-convention.ts';
import { NormalizeDiacritics } from './normalize-diacritics.ts';
import { Not } from './not.ts';
import { Now } from './now.ts';
import { NumFromDate } from './num-from-date.ts';
import { PCase } from './p-case.ts';
import { RandomString } from './random-string.ts';
import { Redact } from './redact.ts';
import { RemoveDuplicates } from './remove-duplicates.ts';
import { Replace } from './replace.ts';
import { SelectUniqueValue } from './select-unique-value.ts';
import { Split } from './split.ts';
import { StripSpaces } from './strip-spaces.ts';
import { Switch } from './switch.ts';
import { ToLower } from './to-lower.ts';
import { ToUpper } from './to-upper.ts';
import { Transliterate } from './transliterate.ts';
import { Word } from './word.ts';

/**
 * Every function by name. `satisfies Record<FunctionName, …>` makes adding a name to FUNCTION_NAMES
 * fail to compile until its definition is registered here (STYLE.md principle 4).
 */
export const DEFINITIONS = {
  Append,
  BitAnd,
  CBool,
  CDate,
  Coalesce,
  ConvertToBase64,
  ConvertToUTF8Hex,
  Count,
  CStr,
  DateAdd,
  DateDiff,
  DateFromNum,
  FormatDateTime,
  Guid,
  IgnoreFlowIfNullOrEmpty,
  IIF,
  InStr,
  IsNull,
  IsNullOrEmpty,
  IsPresent,
  IsString,
  Item,
  Join,
  Left,
  Mid,
  NormalizeDiacritics,
  Not,
  Now,
  NumFromDate,
  PCase,
  RandomString,
  Redact,
  RemoveDuplicates,
  Replace,
  SelectUniqueValue,
  Split,
  StripSpaces,
  Switch,
  ToLower,
  ToUpper,
  Word,
  NameConvention,
  DutchSurname,
  DutchDisplayName,
  Transliterate,
} as const satisfies Record<FunctionName, FunctionDefinition>;
