/**
 * Downloads with the discipline a crawl needs: retries with backoff, timeouts, a content-addressed cache whose
 * entries are admitted only after their SHA256 and size match what signed metadata says, and request and byte
 * counters. Knows HTTP and hashes, nothing of archive formats.
 */
package org.distrocompat.crawler.fetch;
