/**
 * A target attribute as the console shows it: the admin center's label with the technical name
 * beside it ("First name · givenName"). The kind of tenant (cloud labels or Active Directory's) comes
 * from the page's connection through `TenantTypeContext`.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { createContext, useContext } from 'react';
import type { TenantType } from '../api/contracts.ts';
import { attributeLabel, attributeText } from './attribute-labels.ts';
import { breakable } from './breakable.tsx';

/** The tenant type of the connection a page is about; null where none applies. */
export const TenantTypeContext = createContext<TenantType | null>(null);

/** `attributeText` for this part of the page's tenant type. */
export function useAttributeText(): (attribute: string) => string {
  const type = useContext(TenantTypeContext);
  return (attribute) => attributeText(type, attribute);
}

const useStyles = makeStyles({
  technical: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
});

/**
 * The technical name may break before each of its capitals only ("userPrincipal" / "Name"): one word
 * to the browser, it ran 51 px past a person's "Attribute" column at 390 px.
 */
const technical = (name: string) => breakable(name);

export function AttributeName(props: { readonly name: string }) {
  const styles = useStyles();
  const type = useContext(TenantTypeContext);
  const label = attributeLabel(type, props.name);
  if (!label)
    return (
      <span className={styles.technical} data-technical-name="">
        {technical(props.name)}
      </span>
    );
  if (label.toLowerCase() === props.name.toLowerCase()) return <span>{label}</span>;
  return (
    <span title={`${label} (${props.name})`}>
      {/* The separator stays with the label (a no-break space): never a "·" alone on a line. */}
      {label}
      {'\u00a0'}
      <span className={styles.technical} data-technical-name="">
        · {technical(props.name)}
      </span>
    </span>
  );
}
