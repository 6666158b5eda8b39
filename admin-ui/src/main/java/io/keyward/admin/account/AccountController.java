package io.keyward.admin.account;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import io.keyward.admin.security.AdminSessions;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The signed-in admin's own account: change the password (for example the generated one
 * from the first start). A changed password ends the account's other sessions.
 */
@Controller
class AccountController {

	private final PasswordChange passwordChange;

	private final AdminSessions sessions;

	AccountController(PasswordChange passwordChange, AdminSessions sessions) {
		this.passwordChange = passwordChange;
		this.sessions = sessions;
	}

	@GetMapping("/account/password")
	String passwordForm(Model model) {
		model.addAttribute("problems", List.of());
		model.addAttribute("minimumLength", PasswordChange.MINIMUM_LENGTH);
		return "password";
	}

	@PostMapping("/account/password")
	ModelAndView changePassword(@ModelAttribute PasswordForm form, Principal principal, HttpSession session) {
		List<String> problems = this.passwordChange.change(principal.getName(), form);
		if (problems.isEmpty()) {
			this.sessions.endOthers(principal.getName(), session.getId());
			return new ModelAndView("redirect:/account/password?changed");
		}
		ModelAndView page = new ModelAndView("password", HttpStatus.UNPROCESSABLE_CONTENT);
		page.addObject("problems", problems);
		page.addObject("minimumLength", PasswordChange.MINIMUM_LENGTH);
		return page;
	}

}
