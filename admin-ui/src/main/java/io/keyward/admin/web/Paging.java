package io.keyward.admin.web;

/**
 * Where a table page sits among all pages. Page numbers count from 0, as the services'
 * REST APIs do; the templates show them counting from 1. A page number below 0 is read as
 * 0 ({@link #requested(int)}); one past the last page is redirected to the last
 * ({@link #beyondLast()}), so no list shows "Page 100 of 2" with nothing in it; one that
 * is not a number is refused with 400 by Spring's binding.
 *
 * @param page this page
 * @param size rows per page
 * @param total rows in all pages
 */
public record Paging(int page, int size, long total) {

	public long totalPages() {
		return Math.max(1, (this.total + this.size - 1) / this.size);
	}

	/**
	 * @return the last page's number, 0 when there are no rows
	 */
	public int lastPage() {
		return (int) Math.min(Integer.MAX_VALUE, totalPages() - 1);
	}

	/**
	 * @return whether this page lies after the last one (an empty list has one, empty,
	 * page 0)
	 */
	public boolean beyondLast() {
		return this.page > lastPage();
	}

	/**
	 * @param path the list's path
	 * @return a redirect to the last page of the list
	 */
	public String redirectToLast(String path) {
		return "redirect:" + path + "?page=" + lastPage();
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
