package se.vardnav.console.web;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import se.vardnav.console.ConsoleAccess;

import java.time.Duration;
import java.util.Locale;

/**
 * The console's web side: Swedish first, English second ({@code ?lang=en}, remembered in a cookie), texts in
 * {@code console/messages_sv.properties} and {@code messages_en.properties}; every {@code /console} request passes
 * {@link ConsoleGuard} (access hook, and a token against cross-site form posts).
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfiguration implements WebMvcConfigurer {
    public static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private final ConsoleAccess access;

    public ConsoleWebConfiguration(ConsoleAccess access) {
        this.access = access;
    }

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("console/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(SWEDISH);
        return messages;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("vardnav_console_lang");
        resolver.setDefaultLocale(SWEDISH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang).addPathPatterns("/console", "/console/**");
        registry.addInterceptor(new ConsoleGuard(access)).addPathPatterns("/console", "/console/**");
    }
}
