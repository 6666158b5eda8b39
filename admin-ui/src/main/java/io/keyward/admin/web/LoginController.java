package io.keyward.admin.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Serves the sign-in page; Spring Security's filter handles the POST.
 */
@Controller
class LoginController {

	/** A lock is at most hours long; anything else in {@code ?wait=} is not ours. */
	private static final int MAX_WAIT_MINUTES = 7 * 24 * 60;

	/**
	 * @param wait minutes until the next sign-in is heard, after too many failures
	 */
	@GetMapping("/login")
	String login(@RequestParam(required = false) String wait, Model model) {
		model.addAttribute("waitMinutes", minutes(wait));
		return "login";
	}

	private static Integer minutes(String wait) {
		if (wait == null || !wait.matches("[0-9]{1,6}")) {
			return null;
		}
		int minutes = Integer.parseInt(wait);
		return (minutes >= 1 && minutes <= MAX_WAIT_MINUTES) ? minutes : null;
	}

}
