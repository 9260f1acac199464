/**
 * Tests on the check corpus: wheels, jars and an npm package of real natives, judged as auditwheel judges them
 * (recorded and, where the reference tool is available, re-run live), one verdict per platform.
 */
package org.distrocompat.core.corpus;
