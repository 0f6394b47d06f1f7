/**
 * Records: RFC 8785 canonical JSON, the record format, salted commitments to confidential fields
 * and their reveals.
 */
package org.plumbline.core.record;
