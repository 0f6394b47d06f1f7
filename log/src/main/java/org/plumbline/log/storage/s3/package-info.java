/**
 * The log in an S3-compatible bucket ({@link org.plumbline.log.storage.s3.S3Storage}), on the AWS SDK: the only
 * part of the log module that depends on more than the JDK, and nothing else in the module imports it.
 */
package org.plumbline.log.storage.s3;
