from django import forms


class SignInForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True,
                                                             "autocomplete": "username"}))
    password = forms.CharField(label="密码", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete":
                                                                 "current-password"}))
