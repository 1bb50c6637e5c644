/**
 * Personal data published in a public comment: someone doxxing another person, or a customer posting their
 * own card number or address where everyone can read it. Either way the comment should come down or be
 * looked at. Order numbers are not counted: customers quote them to complain, and they identify no one
 * without access to the shop. The brand's own addresses (support@ on an allowed domain) are not counted.
 */

import { findPersonalData, type PersonalDataFinding } from "../checks/personalData.ts";
import { normalizeHost } from "./linkFinder.ts";

export function findPublishedPersonalData(
  text: string,
  allowedDomains: readonly string[],
): PersonalDataFinding[] {
  // No order patterns: order numbers are not what this rule protects, and scanning for them is wasted work.
  return findPersonalData(text, { orderPatterns: [] }).filter(
    (finding) =>
      finding.kind !== "order" &&
      !(finding.kind === "email" && onAllowedDomain(finding.excerpt, allowedDomains)),
  );
}

function onAllowedDomain(email: string, allowedDomains: readonly string[]): boolean {
  const host = normalizeHost(email.slice(email.lastIndexOf("@") + 1));
  return allowedDomains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
