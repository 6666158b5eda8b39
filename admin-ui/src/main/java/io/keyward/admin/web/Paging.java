package io.keyward.admin.web;

/**
 * Where a table page sits among all pages. Page numbers count from 0, as the services'
 * REST APIs do; the templates show them counting from 1.
 *
 * @param page this page
 * @param size rows per page
 * @param total rows in all pages
 */
public record Paging(int page, int size, long total) {

	public long totalPages() {
		return Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public boolean hasNext() {
		return (long) (this.page + 1) * this.size < this.total;
	}

	public int previous() {
		return this.page - 1;
	}

	public int next() {
		return this.page + 1;
	}

	/**
	 * Clamp a page number taken from the query string.
	 */
	public static int requested(int page) {
		return Math.max(0, page);
	}

}
